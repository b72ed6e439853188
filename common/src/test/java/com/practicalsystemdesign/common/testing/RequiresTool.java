package com.practicalsystemdesign.common.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class or method that needs programs beyond a JDK. Where one is missing it is
 * skipped with one line naming the tool and the command that installs it, and the line is
 * recorded in the repository's target/tool-skips/ for the list the build ends with; with
 * {@code CI=true} that list fails the build (see system-tests/pom.xml), so CI never
 * passes with a suite left out.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ToolCondition.class)
public @interface RequiresTool {

    Tool[] value();

}
