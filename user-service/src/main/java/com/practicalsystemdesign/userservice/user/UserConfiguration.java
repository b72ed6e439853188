package com.practicalsystemdesign.userservice.user;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The user feature's database settings; the cache's are in {@code cache/}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UserDatabaseProperties.class)
class UserConfiguration {

}
