CREATE TABLE application_thing (id BIGINT PRIMARY KEY, name VARCHAR(50));
