package dev.gdsweep.loss;

/** A loss parameter that breaks a rule of its loss; the message states the rule and the value. */
public final class LossParameterException extends IllegalArgumentException {

    private final String parameter;

    public LossParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The offending parameter's name, or {@code null} when the problem is the dimension. */
    public String parameter() {
        return parameter;
    }
}
