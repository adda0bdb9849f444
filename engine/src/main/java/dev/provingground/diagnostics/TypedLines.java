package dev.provingground.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * The command lines a learner types into the terminal, from the keystrokes the page sends, for the trail: Enter ends a
 * line, Backspace takes back a character, Ctrl-C and Ctrl-U drop the line, and escape sequences (arrow keys, bracketed
 * paste) are left out. A line edited with the shell's history or completion is kept as it was typed, not as it ran.
 */
final class TypedLines {

	private static final int MAX_LINE = DiagnosticTrail.MAX_INPUT;

	private final StringBuilder line = new StringBuilder();

	/** Where an escape sequence is: outside one, just after ESC, or inside a CSI ({@code ESC [}) or SS3 one. */
	private enum Escape {
		NONE, STARTED, CSI, SS3
	}

	private Escape escape = Escape.NONE;

	/** Feeds what was typed; gives the lines it completed, without blank ones. */
	List<String> feed(String typed) {
		List<String> done = new ArrayList<>();
		for (int i = 0; i < typed.length(); i++) {
			char c = typed.charAt(i);
			switch (escape) {
				case STARTED -> escape = c == '[' ? Escape.CSI : c == 'O' ? Escape.SS3 : Escape.NONE;
				case CSI -> escape = c >= 0x40 && c <= 0x7e ? Escape.NONE : Escape.CSI;
				case SS3 -> escape = Escape.NONE;
				case NONE -> {
					if (c == '\r' || c == '\n') {
						if (!line.isEmpty() && !line.toString().isBlank()) {
							done.add(line.toString().strip());
						}
						line.setLength(0);
					}
					else if (c == 0x1b) {
						escape = Escape.STARTED;
					}
					else if (c == 0x7f || c == '\b') {
						if (!line.isEmpty()) {
							line.setLength(line.length() - 1);
						}
					}
					else if (c == 0x03 || c == 0x15) {
						line.setLength(0);
					}
					else if (c == '\t') {
						line.append(' ');
					}
					else if (c >= 0x20 && line.length() < MAX_LINE) {
						line.append(c);
					}
				}
			}
		}
		return done;
	}

}
