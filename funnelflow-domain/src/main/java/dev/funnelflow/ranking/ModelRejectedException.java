package dev.funnelflow.ranking;

/**
 * A model that must not serve: unreadable, not ONNX, without a card, built for other features, or failing its test
 * run (it throws, or scores NaN or infinity). The message says which and why, in one line; whoever loads a
 * replacement keeps the old model serving.
 */
public final class ModelRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ModelRejectedException(String message) {
        super(message);
    }

    public ModelRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
