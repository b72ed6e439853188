package com.practicalsystemdesign.systemtests.labs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.practicalsystemdesign.common.testing.RequiresTool;
import com.practicalsystemdesign.common.testing.Tool;

/**
 * What a lab needs beyond a JDK, as a learner installs it (docs/labs/README.md): the
 * gateway, the clients its scripts query the stores and the services with, its load
 * generator and its charts. Missing ones skip the lab's test with the install command, or
 * fail it under {@code CI=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RequiresTool({ Tool.NGINX, Tool.CURL, Tool.JQ, Tool.PSQL, Tool.REDIS_CLI, Tool.WRK, Tool.GNUPLOT })
@interface LabTools {

}
