package com.practicalsystemdesign.common.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What every service's document says about the project: its licence (the SPDX id of
 * LICENSE) and where to ask. The service's own {@code OpenAPI} bean gives title,
 * description and version.
 */
class ProjectInfo implements OpenApiCustomizer {

    static final String REPOSITORY = "https://github.com/practical-system-design/practical-system-design-java";

    @Override
    public void customise(OpenAPI api) {
        Info info = api.getInfo() != null ? api.getInfo() : new Info();
        api.setInfo(info.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0"))
            .contact(new Contact().name("Practical System Design").url(REPOSITORY + "/issues")));
    }

}
