package org.lodestar.people.internal;

import java.time.Duration;

import org.lodestar.people.SignInThrottle;
import org.lodestar.people.SingleSignOn;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page: the password form (unless switched off), single sign-on when configured, and why a try failed. */
@Controller
class SignInPage {

    private final SingleSignOn sso;
    private final boolean formLogin;

    SignInPage(SingleSignOn sso, @Value("${lodestar.security.form-login:true}") boolean formLogin) {
        this.sso = sso;
        this.formLogin = formLogin;
    }

    @GetMapping("/login")
    String signIn(@RequestParam(required = false) String throttled, HttpServletRequest request, Model model) {
        model.addAttribute("formLogin", formLogin);
        model.addAttribute("sso", sso.enabled());
        model.addAttribute("ssoLabel", sso.label());
        model.addAttribute("ssoStart", "/oauth2/authorization/" + SsoConfiguration.REGISTRATION);
        if (throttled != null) {
            long seconds = throttled.matches("[0-9]{1,9}") ? Long.parseLong(throttled) : 900;
            model.addAttribute("throttled", SignInThrottle.describe(Duration.ofSeconds(seconds)));
        }
        HttpSession session = request.getSession(false);
        if (request.getParameter("sso-failed") != null && session != null
                && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException e) {
            model.addAttribute("ssoFailure", e.getMessage());
        }
        return "login";
    }
}
