DROP TABLE IF EXISTS database_identity;
