package com.practicalsystemdesign.systemtests.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

/**
 * What a service module declares about itself: the settings in its
 * {@code src/main/resources/application.yml} (flattened to dotted keys) over common's
 * {@code common-defaults.properties}, and the properties of its pom.xml. The deployment
 * files are checked against these, never the other way round.
 */
final class ServiceModule {

    /**
     * Variables that no application.yml declares because a library or the JVM reads them
     * directly: the AWS SDK's default credential chain and the JVM launcher.
     */
    static final Set<String> STANDARD_VARIABLES = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private final String name;

    private final Map<String, Object> settings;

    private final Map<String, String> pomProperties;

    private ServiceModule(String name, Map<String, Object> settings, Map<String, String> pomProperties) {
        this.name = name;
        this.settings = settings;
        this.pomProperties = pomProperties;
    }

    /**
     * A variable named in a comment of application.yml, as in {@code # ... [REDIS_URL]}.
     */
    static final java.util.regex.Pattern DOCUMENTED_VARIABLE = java.util.regex.Pattern
        .compile("#.*?\\[([A-Z][A-Z0-9_]*)]");

    private static final String DOCUMENTED = "documented variable ";

    static ServiceModule load(String name) {
        Path module = RepositoryRoot.resolve(name);
        Path yml = module.resolve("src/main/resources/application.yml");
        Map<String, Object> settings = applicationYml(yml);
        // A setting whose default lives in its properties record is named in a comment of
        // application.yml with its variable in brackets, e.g. [CACHE_TTL_SECONDS].
        documentedVariables(yml).forEach(variable -> settings.put(DOCUMENTED + variable, variable));
        // The conventions every service shares (logging, tracing) are its settings too,
        // at the lowest precedence.
        commonDefaults().forEach(settings::putIfAbsent);
        return new ServiceModule(name, settings, pomProperties(module.resolve("pom.xml")));
    }

    private static java.util.List<String> documentedVariables(Path yml) {
        try {
            return DOCUMENTED_VARIABLE.matcher(Files.readString(yml)).results().map(match -> match.group(1)).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + yml, ex);
        }
    }

    private static Map<String, Object> commonDefaults() {
        Properties defaults = new Properties();
        try (InputStream in = Files
            .newInputStream(RepositoryRoot.resolve("common/src/main/resources/common-defaults.properties"))) {
            defaults.load(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read common-defaults.properties", ex);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        defaults.stringPropertyNames().forEach(key -> settings.put(key, defaults.getProperty(key)));
        return settings;
    }

    String name() {
        return name;
    }

    /** {@code server.port} from application.yml. */
    int port() {
        return intSetting("server.port");
    }

    /** {@code management.server.port} from application.yml. */
    int managementPort() {
        return intSetting("management.server.port");
    }

    String pomProperty(String property) {
        String value = pomProperties.get(property);
        if (value == null) {
            throw new AssertionError(name + "/pom.xml has no <" + property + "> property");
        }
        return value;
    }

    /**
     * The application.yml key that Spring Boot's relaxed binding gives this environment
     * variable, or {@code null} when application.yml has none. {@code CACHE_TTL_SECONDS}
     * binds {@code cache.ttl-seconds}: upper case, dots and dashes as underscores (or
     * dashes dropped).
     */
    String settingBoundBy(String variable) {
        if (settings.containsKey(DOCUMENTED + variable)) {
            return variable;
        }
        for (String key : settings.keySet()) {
            String upper = key.toUpperCase(Locale.ROOT).replace('.', '_');
            if (upper.replace('-', '_').equals(variable) || upper.replace("-", "").equals(variable)) {
                return key;
            }
        }
        return null;
    }

    private int intSetting(String key) {
        Object value = settings.get(key);
        if (!(value instanceof Integer port)) {
            throw new AssertionError(name + "'s application.yml has no numeric " + key + " (found " + value + ")");
        }
        return port;
    }

    private static Map<String, Object> applicationYml(Path file) {
        Map<String, Object> flat = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object document : new Yaml().loadAll(in)) {
                flatten("", document, flat);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        return flat;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> flat) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, flat));
        }
        else if (!prefix.isEmpty()) {
            flat.put(prefix, node);
        }
    }

    private static Map<String, String> pomProperties(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            Map<String, String> properties = new LinkedHashMap<>();
            NodeList sections = document.getDocumentElement().getElementsByTagName("properties");
            for (int i = 0; i < sections.getLength(); i++) {
                if (sections.item(i).getParentNode() == document.getDocumentElement()) {
                    NodeList children = sections.item(i).getChildNodes();
                    for (int j = 0; j < children.getLength(); j++) {
                        if (children.item(j).getNodeType() == Node.ELEMENT_NODE) {
                            Element property = (Element) children.item(j);
                            properties.put(property.getTagName(), property.getTextContent().strip());
                        }
                    }
                }
            }
            return properties;
        }
        catch (Exception ex) {
            throw new IllegalStateException("cannot read " + pom, ex);
        }
    }

}
