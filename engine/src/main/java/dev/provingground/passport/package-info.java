/**
 * Passport: a learner's public page of tiers, SCI and evidence (within their privacy setting), exported as signed
 * Open Badges 3.0 credentials that anyone can verify against the platform's published keys and revocation list.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Skill passport")
package dev.provingground.passport;
