package org.lodestar.usage.internal;

import java.util.List;

import org.lodestar.usage.IssuedWriteKey;
import org.lodestar.usage.WriteKey;
import org.lodestar.usage.WriteKeys;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Write keys over the API; admins only (configuration permission). */
@RestController
@Tag(name = "Write keys", description = "Keys that Segment-compatible sources send events to /v1 with")
class WriteKeysApi {

    private final WriteKeys writeKeys;

    WriteKeysApi(WriteKeys writeKeys) {
        this.writeKeys = writeKeys;
    }

    @Schema(example = """
            {"name": "Web app (production)"}""")
    record NewWriteKey(String name) {
    }

    @Operation(summary = "List the tracking write keys")
    @GetMapping("/api/write-keys")
    List<WriteKey> list() {
        return writeKeys.list();
    }

    @PostMapping("/api/write-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a write key", description = "The answer carries the secret; it is shown only once.")
    IssuedWriteKey create(@RequestBody NewWriteKey body) {
        return writeKeys.create(body.name());
    }

    @Operation(summary = "Revoke a write key")
    @PostMapping("/api/write-keys/{id}/revoke")
    WriteKey revoke(@PathVariable long id) {
        return writeKeys.revoke(id);
    }
}
