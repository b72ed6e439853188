{{/* DYNAMODB_ENDPOINT: explicit, else LocalStack when it is installed, else empty (real AWS). */}}
{{- define "psd.dynamodbEndpoint" -}}
{{- if .Values.chatService.aws.dynamodbEndpoint -}}
{{ .Values.chatService.aws.dynamodbEndpoint }}
{{- else if .Values.localstack.enabled -}}
http://localstack:4566
{{- end -}}
{{- end }}

{{/* The Secret with AWS keys for chat-service, or nothing (default credentials chain). */}}
{{- define "psd.awsCredentialsSecret" -}}
{{- if .Values.chatService.aws.existingSecret -}}
{{ .Values.chatService.aws.existingSecret }}
{{- else if .Values.localstack.enabled -}}
chat-service
{{- end -}}
{{- end }}
