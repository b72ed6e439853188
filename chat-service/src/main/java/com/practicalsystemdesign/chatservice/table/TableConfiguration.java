package com.practicalsystemdesign.chatservice.table;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatTablesProperties.class)
class TableConfiguration {

}
