package dev.provingground.passport;

/** Who sees a learner's passport: everyone, or only the learner. Private is the default. */
enum Visibility {

	PUBLIC, PRIVATE

}
