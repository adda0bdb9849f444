package dev.provingground.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The UI routes in the browser; a reload or a deep link on one of them gets the app, which then shows the page. */
@Controller
class SinglePageAppController {

	@GetMapping({ "/learn/**", "/review/**", "/admin/**", "/skills/**", "/passport/**", "/sessions/**" })
	String app() {
		return "forward:/index.html";
	}

}
