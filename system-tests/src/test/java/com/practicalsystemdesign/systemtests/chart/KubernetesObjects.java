package com.practicalsystemdesign.systemtests.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Rendered manifests read strictly into the fabric8 Kubernetes model: every document must
 * be a kind the chart is known to produce, and every field must exist in that kind's
 * schema. fabric8's classes collect unknown fields in an "additionalProperties" map and
 * some ignore unknown fields; this reader removes both escape hatches, so a mistyped
 * field (say {@code readinessProbes}) fails here instead of being dropped by the API
 * server.
 */
final class KubernetesObjects {

    /**
     * apiVersion/kind to model class. A kind missing here fails the tests until it is
     * added.
     */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class), Map.entry("v1/Pod", Pod.class),
            Map.entry("v1/Secret", Secret.class), Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class), Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            // No model of the Prometheus Operator's kinds is on Maven Central here: read
            // as a generic
            // resource; ChartObservabilityTests checks its spec field by field.
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", GenericKubernetesResource.class));

    private static final YAMLMapper YAML = strictMapper();

    private KubernetesObjects() {
    }

    /** Every non-empty document of a multi-document YAML stream, strictly typed. */
    static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(manifests)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                    continue;
                }
                objects.add(parse(document));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return objects;
    }

    private static HasMetadata parse(JsonNode document) {
        String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<? extends HasMetadata> kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("The chart renders a kind these tests do not know: " + type
                    + " (add it to KubernetesObjects.KINDS)");
        }
        try {
            return YAML.treeToValue(document, kind);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalArgumentException(type + " " + document.path("metadata").path("name").asText()
                    + " does not match the Kubernetes schema: " + ex.getOriginalMessage(), ex);
        }
    }

    static <T extends HasMetadata> Stream<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast);
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> kind, String name) {
        return ofKind(objects, kind).filter(object -> object.getMetadata().getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " named " + name));
    }

    /** A workload's pod template, or a bare pod's spec, under one name. */
    record PodOf(String owner, Map<String, String> labels, Map<String, String> annotations, PodSpec spec) {

        List<Container> allContainers() {
            List<Container> all = new ArrayList<>(spec.getInitContainers());
            all.addAll(spec.getContainers());
            return all;
        }
    }

    static List<PodOf> pods(List<HasMetadata> objects) {
        List<PodOf> pods = new ArrayList<>();
        ofKind(objects, Deployment.class)
            .forEach(d -> pods.add(of("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate())));
        ofKind(objects, StatefulSet.class)
            .forEach(s -> pods.add(of("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate())));
        ofKind(objects, Pod.class).forEach(p -> pods.add(new PodOf("Pod/" + p.getMetadata().getName(),
                p.getMetadata().getLabels(), p.getMetadata().getAnnotations(), p.getSpec())));
        return pods;
    }

    private static PodOf of(String owner, PodTemplateSpec template) {
        return new PodOf(owner, template.getMetadata().getLabels(), template.getMetadata().getAnnotations(),
                template.getSpec());
    }

    private static YAMLMapper strictMapper() {
        SimpleModule strict = new SimpleModule("strict-kubernetes-model");
        strict.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                if (description.getBeanClass().getPackageName().startsWith("io.fabric8.")
                        && description.getBeanClass() != GenericKubernetesResource.class) {
                    builder.setAnySetter(null);
                    builder.setIgnoreUnknownProperties(false);
                }
                return builder;
            }
        });
        YAMLMapper mapper = new YAMLMapper(new YAMLFactory());
        mapper.registerModule(strict);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }

}
