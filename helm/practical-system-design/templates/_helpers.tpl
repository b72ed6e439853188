{{/*
Named templates of this chart. The hardened blocks every pod shares (pod and container security
context, /tmp volume, ServiceAccount, labels) are written once, in the library chart
charts/psd-lib, which the store subcharts use too; the Spring service skeleton is in _service.tpl.
The rest is filed by concern: _lifecycle.tpl (graceful shutdown), _containers.tpl (helper
containers), _availability.tpl (PDB and HPA), _networkpolicy.tpl (NetworkPolicy peers and egress),
_gateway.tpl (nginx.conf), _secrets.tpl (store URLs and passwords), _aws.tpl (DynamoDB endpoint and
AWS credentials).

Object names are the component names on purpose ("one name everywhere"): the Service
`user-service` is what nginx.conf and docker compose call it. Install one release per namespace
(Chart.yaml and README.md say so too).
*/}}
