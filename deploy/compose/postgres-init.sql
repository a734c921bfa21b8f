-- Roles and databases of docker-compose.yml, the same as the local launcher creates: the metadata
-- service owns its database, and the audit database belongs to an owner role that runs the
-- migrations, which grant the service role custos_audit INSERT and SELECT only. The passwords are
-- the development ones of launcher/src/main/resources/dev/custos/launcher/local/.
CREATE ROLE custos_metadata LOGIN PASSWORD 'custos-dev-metadata-password';
CREATE DATABASE custos_metadata OWNER custos_metadata;
CREATE ROLE custos_audit_owner LOGIN PASSWORD 'custos-dev-audit-owner-password';
CREATE ROLE custos_audit LOGIN PASSWORD 'custos-dev-audit-password';
CREATE DATABASE custos_audit OWNER custos_audit_owner;
