package com.practicalsystemdesign.systemtests.image;

import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.practicalsystemdesign.systemtests.RepositoryRoot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images are built for the two platforms learners run: linux/amd64 and linux/arm64
 * (Apple Silicon) from a multi-arch base image: {@code jib:build} pushes both,
 * {@code jib:dockerBuild} takes the Docker daemon's.
 */
class ImagePlatformsTests {

    private static final String JIB = "/project/build/pluginManagement/plugins/plugin[artifactId='jib-maven-plugin']/configuration";

    @Test
    void jibBuildsForAmd64AndArm64() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(RepositoryRoot.resolve("pom.xml").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        NodeList platforms = (NodeList) xpath.evaluate(JIB + "/from/platforms/platform", pom, XPathConstants.NODESET);

        List<String> names = new ArrayList<>();
        for (int i = 0; i < platforms.getLength(); i++) {
            Element platform = (Element) platforms.item(i);
            names.add(text(platform, "os") + "/" + text(platform, "architecture"));
        }
        assertThat(names).containsExactly("linux/amd64", "linux/arm64");
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
    }

}
