package com.practicalsystemdesign.systemtests.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' JVM flags live in one file, jvm.flags, that the image and the local run
 * both use: a flag changed there changes both, and a flag the JVM does not know fails
 * here rather than at a pod's start.
 */
class JvmFlagsTests {

    private static final String JIB = "/project/build/pluginManagement/plugins/plugin[artifactId='jib-maven-plugin']/configuration";

    @Test
    void theImageRunsJavaWithJvmFlagsCopiedIntoIt() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(RepositoryRoot.resolve("pom.xml").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();

        assertThat(xpath.evaluate("count(" + JIB + "/container/jvmFlags/jvmFlag)", pom)).isEqualTo("1");
        assertThat(xpath.evaluate(JIB + "/container/jvmFlags/jvmFlag", pom).strip()).isEqualTo("@/app/jvm.flags");
        String path = JIB + "/extraDirectories/paths/path[includes/include='jvm.flags']";
        assertThat(xpath.evaluate(path + "/from", pom).strip()).isEqualTo("${maven.multiModuleProjectDirectory}");
        assertThat(xpath.evaluate(path + "/into", pom).strip()).isEqualTo("/app");
    }

    @Test
    void theLocalRunStartsTheServicesWithTheSameFile() throws Exception {
        String localUp = Files.readString(RepositoryRoot.resolve("scripts/local-up.sh"));
        String lib = Files.readString(RepositoryRoot.resolve("scripts/lib.sh"));

        assertThat(lib).contains("jvm_flags() {").contains("\"$ROOT_DIR/jvm.flags\"");
        assertThat(localUp).contains("mapfile -t flags < <(jvm_flags)").doesNotContain("-XX:MaxRAMPercentage");
    }

    @Test
    void everyFlagIsOneTheJvmAccepts() throws Exception {
        Path flags = RepositoryRoot.resolve("jvm.flags");
        List<String> lines = Files.readAllLines(flags)
            .stream()
            .map(line -> line.replaceAll("#.*", "").strip())
            .filter(line -> !line.isEmpty())
            .toList();
        assertThat(lines).contains("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError")
            .allMatch(line -> line.startsWith("-"));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "@" + flags, "-version").redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

}
