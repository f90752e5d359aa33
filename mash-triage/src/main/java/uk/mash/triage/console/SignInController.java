package uk.mash.triage.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's sign-in page; Spring Security checks the key posted back to the same address. */
@Controller
class SignInController {

    @GetMapping("/console/sign-in")
    String signIn(@RequestParam(required = false) String error,
            @RequestParam(name = "signed-out", required = false) String signedOut,
            @RequestParam(name = "session-ended", required = false) String sessionEnded, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("sessionEnded", sessionEnded != null);
        return "console/sign-in";
    }
}
