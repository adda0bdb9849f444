package dev.provingground.review;

/** A review that cannot be taken: a self-review, or a second review of the same submission. Nothing changed. */
public class ReviewRejectedException extends RuntimeException {

	public ReviewRejectedException(String message) {
		super(message);
	}

}
