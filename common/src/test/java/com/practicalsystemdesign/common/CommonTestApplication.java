package com.practicalsystemdesign.common;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application common's tests start: auto-configuration only, exactly what a service
 * that depends on common gets. No component scan, so each test imports the fixtures it
 * needs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class CommonTestApplication {

}
