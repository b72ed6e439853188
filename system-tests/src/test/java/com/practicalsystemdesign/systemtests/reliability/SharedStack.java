package com.practicalsystemdesign.systemtests.reliability;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every suite of this package the same {@link ReliabilityStack}: started for the
 * first one that asks, closed by JUnit after the last test of the run. Starting the local
 * run costs half a minute on a small machine; paying it once keeps the three suites
 * within a few minutes.
 */
final class SharedStack implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == ReliabilityStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(ReliabilityStack.class, key -> ReliabilityStack.start(), ReliabilityStack.class);
    }

}
