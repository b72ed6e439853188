{{/*
NetworkPolicies: who talks to whom, and nothing else (each component's policy is in
<component>-networkpolicy.yaml, the stores' in stores-networkpolicies.yaml):
  ingress controller (networkPolicy.gatewayFrom) and the helm test pod -> gateway:8080
  gateway -> user-service:8001, chat-service:8002
  user-service -> postgres:5432, redis:6379 (or the external ones)
  chat-service -> localstack:4566 (or AWS on 443)
  every pod -> DNS
Kubelet probes and `kubectl port-forward` come from the node and are not subject to these.
*/}}

{{/* A NetworkPolicyPeer list item: the pods of one component of this release. */}}
{{- define "psd.np.peer" -}}
- podSelector:
    matchLabels:
      {{- include "psd.selectorLabels" . | nindent 6 }}
{{- end }}
{{- define "psd.np.dns" -}}
# DNS, wherever the cluster runs it.
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end }}

{{/*
Egress of a service to the OTLP endpoint (tracing.otlpEndpoint), wherever it is: its port, or the
scheme's default.
*/}}
{{- define "psd.np.otlpEgress" -}}
{{- if .Values.tracing.enabled }}
{{- $url := urlParse .Values.tracing.otlpEndpoint }}
{{- $hostAndPort := splitList ":" $url.host }}
# Spans to the OTLP endpoint (tracing.otlpEndpoint).
- ports:
    - port: {{ if eq (len $hostAndPort) 2 }}{{ index $hostAndPort 1 }}{{ else if eq $url.scheme "https" }}443{{ else }}80{{ end }}
      protocol: TCP
{{- end }}
{{- end }}
