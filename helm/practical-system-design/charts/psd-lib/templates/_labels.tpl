{{/* The value of app.kubernetes.io/part-of on every object. */}}
{{- define "psd.partOf" -}}
practical-system-design
{{- end }}

{{/*
Selector labels: name and instance only. Never the chart or app version, which would make a
Deployment's selector immutable across upgrades.
Usage: include "psd.selectorLabels" (dict "ctx" $ "name" "user-service")
*/}}
{{- define "psd.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- end }}

{{/*
Labels of every object (and of pod templates); "component" is optional.
Usage: include "psd.labels" (dict "ctx" $ "name" "postgres" "component" "database")
*/}}
{{- define "psd.labels" -}}
{{ include "psd.selectorLabels" . }}
{{- with get . "component" }}
app.kubernetes.io/component: {{ . }}
{{- end }}
app.kubernetes.io/part-of: {{ include "psd.partOf" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
An image reference; the tag defaults to the chart's appVersion.
Usage: include "psd.image" (dict "ctx" $ "image" .Values.image)
*/}}
{{- define "psd.image" -}}
{{ .image.repository }}:{{ .image.tag | default .ctx.Chart.AppVersion }}
{{- end }}
