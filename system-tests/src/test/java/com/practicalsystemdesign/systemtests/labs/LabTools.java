package com.practicalsystemdesign.systemtests.labs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.Tool;

/**
 * What a lab needs beyond a JDK: the gateway of its local run. Missing, it skips the
 * lab's test with the install command, or fails it under {@code CI=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RequiresTool(Tool.NGINX)
@interface LabTools {

}
