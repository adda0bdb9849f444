/**
 * Peer sessions: a learner's request for a live design session, matching a partner of the same level, the prompt and
 * the slot, both participants' evaluations of each other, and the evidence, endorsements and activities a held session
 * leaves. The peer-session process drives it; this module does each step's work.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Peer sessions")
package dev.provingground.sessions;
