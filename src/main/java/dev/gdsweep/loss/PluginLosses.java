package dev.gdsweep.loss;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Loads a user's loss class by name. The class must be public, implement {@link Loss}, and have a
 * public constructor taking {@code (int dimension, Map<String, Double> params)}, or
 * {@code (Map<String, Double> params)}, or no arguments (then it must take no params); the first
 * of these that exists is used. Its {@link Loss#dimension()} must equal the initial weights'.
 */
public final class PluginLosses {

    private PluginLosses() {}

    /** Why a plugin could not be made: the message says what to fix. */
    public static final class PluginException extends IllegalArgumentException {
        PluginException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Loss create(String className, int dimension, Map<String, Double> params, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new PluginException("class '" + className + "' not found; give its jar with --plugin-jar "
                    + "(bin/gdsweep) or --jars (spark-submit)", e);
        } catch (ExceptionInInitializerError e) {
            throw new PluginException("class '" + className + "' failed to initialize: " + e.getCause(), e);
        }
        if (!Loss.class.isAssignableFrom(type)) {
            throw new PluginException("class '" + className + "' does not implement " + Loss.class.getName(), null);
        }
        Object instance;
        try {
            instance = construct(type, dimension, params);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new PluginException("class '" + className + "' refused its params " + params + ": "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        } catch (ReflectiveOperationException e) {
            throw new PluginException("class '" + className + "' cannot be constructed: " + e, e);
        }
        Loss loss = (Loss) instance;
        if (loss.dimension() != dimension) {
            throw new PluginException("class '" + className + "' has dimension " + loss.dimension()
                    + ", but the initial weights have dimension " + dimension, null);
        }
        return loss;
    }

    private static Object construct(Class<?> type, int dimension, Map<String, Double> params)
            throws ReflectiveOperationException {
        try {
            return publicConstructor(type, int.class, Map.class).newInstance(dimension, params);
        } catch (NoSuchMethodException e) {
            // try the next form
        }
        try {
            return publicConstructor(type, Map.class).newInstance(params);
        } catch (NoSuchMethodException e) {
            // try the next form
        }
        Constructor<?> plain;
        try {
            plain = publicConstructor(type);
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException("no public constructor (int, Map<String, Double>), (Map<String, Double>) "
                    + "or ()");
        }
        if (!params.isEmpty()) {
            throw new NoSuchMethodException("it takes no params (only a no-argument constructor), but params were given");
        }
        return plain.newInstance();
    }

    private static Constructor<?> publicConstructor(Class<?> type, Class<?>... parameters)
            throws NoSuchMethodException {
        return type.getConstructor(parameters);
    }
}
