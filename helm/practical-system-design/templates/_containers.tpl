{{/*
A helper container (init container or test pod): pinned image, small resources, hardened.
Usage: include "psd.helperContainer" (dict "ctx" $ "name" "wait-for-localstack" "image" .Values.curlImage "command" (list ...))
*/}}
{{- define "psd.helperContainer" -}}
- name: {{ .name }}
  image: {{ include "psd.image" (dict "ctx" .ctx "image" .image) }}
  imagePullPolicy: {{ .image.pullPolicy }}
  command:
    {{- toYaml .command | nindent 4 }}
  resources:
    {{- toYaml .ctx.Values.helperResources | nindent 4 }}
  securityContext:
    {{- include "psd.containerSecurityContext" (dict) | nindent 4 }}
  volumeMounts:
    {{- include "psd.tmpVolumeMount" . | nindent 4 }}
{{- end }}
