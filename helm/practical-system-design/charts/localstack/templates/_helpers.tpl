{{/* Labels of the localstack objects. The object name is fixed: the Service is `localstack`. */}}
{{- define "localstack.selectorLabels" -}}
app.kubernetes.io/name: localstack
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "localstack.labels" -}}
{{ include "localstack.selectorLabels" . }}
app.kubernetes.io/component: aws-emulator
app.kubernetes.io/part-of: practical-system-design
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "localstack.health" -}}
httpGet:
  path: /_localstack/health
  port: edge
{{- end }}
