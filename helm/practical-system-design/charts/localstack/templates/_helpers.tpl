{{/* Labels of the localstack objects (psd-lib). The object name is fixed: the Service is `localstack`. */}}
{{- define "localstack.selectorLabels" -}}
{{ include "psd.selectorLabels" (dict "ctx" . "name" "localstack") }}
{{- end }}

{{- define "localstack.labels" -}}
{{ include "psd.labels" (dict "ctx" . "name" "localstack" "component" "aws-emulator") }}
{{- end }}

{{- define "localstack.health" -}}
httpGet:
  path: /_localstack/health
  port: edge
{{- end }}
