#!/bin/sh
# Makes the admission webhook's serving certificate without cert-manager: a CA and a certificate
# for custos-admission.custos.svc, written to a directory, then printed as the commands that
# create the custos-admission-tls Secret and set the webhook's caBundle.
#
#   deploy/scripts/webhook-cert.sh OUT_DIR [DAYS]
#
# Renew before DAYS run out by running it again and applying the new Secret; the service reloads
# the files when they change.
set -eu

out=${1:?usage: webhook-cert.sh OUT_DIR [DAYS]}
days=${2:-365}
service=custos-admission
namespace=custos

mkdir -p "$out"
umask 077

openssl ecparam -name prime256v1 -genkey -noout -out "$out/ca.key"
openssl req -x509 -new -key "$out/ca.key" -sha256 -days "$days" \
  -subj "/CN=custos-admission-ca" -out "$out/ca.crt"

openssl ecparam -name prime256v1 -genkey -noout -out "$out/tls.key"
openssl req -new -key "$out/tls.key" -subj "/CN=$service.$namespace.svc" -out "$out/tls.csr"
cat > "$out/tls.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:$service.$namespace.svc,DNS:$service.$namespace.svc.cluster.local
EXT
openssl x509 -req -in "$out/tls.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial \
  -sha256 -days "$days" -extfile "$out/tls.ext" -out "$out/tls.crt"
rm -f "$out/tls.csr" "$out/tls.ext" "$out/ca.srl"

ca_bundle=$(base64 < "$out/ca.crt" | tr -d '\n')
cat <<NEXT
Wrote $out/ca.crt, $out/tls.crt and $out/tls.key. Keep ca.key offline.

kubectl -n $namespace create secret tls custos-admission-tls \\
  --cert=$out/tls.crt --key=$out/tls.key --dry-run=client -o yaml | kubectl apply -f -
kubectl patch validatingwebhookconfiguration custos-admission --type=json \\
  -p='[{"op":"add","path":"/webhooks/0/clientConfig/caBundle","value":"$ca_bundle"}]'
NEXT
