{{/*
Graceful shutdown: the preStop pause lets endpoints and the ingress controller stop sending new
requests before the process gets SIGTERM; the apps then drain for up to 20 s
(server.shutdown=graceful), inside the 30 s grace period.
*/}}
{{- define "psd.terminationGracePeriodSeconds" -}}
30
{{- end }}

{{- define "psd.lifecycle" -}}
preStop:
  sleep:
    seconds: 5
{{- end }}
