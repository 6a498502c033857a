package org.lodestar.usage.internal;

import org.lodestar.errors.InvalidInput;
import org.lodestar.usage.IssuedWriteKey;
import org.lodestar.usage.WriteKeys;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings: the write keys sources send usage with, created and revoked by admins. */
@Controller
class WriteKeysPage {

    private final WriteKeys writeKeys;

    WriteKeysPage(WriteKeys writeKeys) {
        this.writeKeys = writeKeys;
    }

    @GetMapping("/settings/write-keys")
    String page(Model model) {
        model.addAttribute("keys", writeKeys.list());
        return "write-keys";
    }

    @PostMapping("/settings/write-keys")
    String create(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        try {
            IssuedWriteKey issued = writeKeys.create(name);
            redirect.addFlashAttribute("issued", issued);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("problem", "Name " + e.problems().get(0).reason());
        }
        return "redirect:/settings/write-keys";
    }

    @PostMapping("/settings/write-keys/{id}/revoke")
    String revoke(@PathVariable long id) {
        writeKeys.revoke(id);
        return "redirect:/settings/write-keys";
    }
}
