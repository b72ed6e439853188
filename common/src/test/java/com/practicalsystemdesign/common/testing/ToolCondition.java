package com.practicalsystemdesign.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Skips what {@link RequiresTool} marks when a tool is missing, and records why. */
final class ToolCondition implements ExecutionCondition {

    /**
     * In the repository's own target/, where system-tests, the last module, lists them.
     */
    static final Path RECORDS = repositoryRoot().resolve("target/tool-skips");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<AnnotatedElement> element = context.getElement();
        Optional<RequiresTool> required = element
            .flatMap(found -> AnnotationSupport.findAnnotation(found, RequiresTool.class));
        if (required.isEmpty()) {
            return ConditionEvaluationResult.enabled("needs no tool");
        }
        String missing = Arrays.stream(required.get().value())
            .filter(tool -> !tool.isPresent())
            .map(Tool::missing)
            .collect(Collectors.joining("; "));
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("every tool it needs is here");
        }
        String test = context.getRequiredTestClass().getSimpleName()
                + context.getTestMethod().map(method -> "." + method.getName()).orElse("");
        record(test, test + ": " + missing);
        return ConditionEvaluationResult.disabled(missing);
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static void record(String test, String line) {
        try {
            Files.createDirectories(RECORDS);
            Files.writeString(RECORDS.resolve(test + ".txt"), line + System.lineSeparator());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
