-- docker-compose.yml: Temporal's own role in the shared PostgreSQL server (its databases are
-- created by the temporal-schema service).
CREATE ROLE temporal WITH LOGIN CREATEDB PASSWORD 'temporal';
