import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { getTestServerUrl, withDatabase } from "./postgres-url";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

// One uniquely named database per test run, dropped at the end, so runs never collide
// with each other or with anyone's real data on the same server.
export default async function setup(project: TestProject) {
  const serverUrl = getTestServerUrl();
  const database = `qt_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin.unsafe(`create database ${database}`);
  } catch (error) {
    await admin.end();
    throw new Error(
      `Integration tests need a Postgres server; could not use ${serverUrl} (${(error as Error).message}). ` +
        `Start one, or point TEST_DATABASE_URL at one (trust or password auth, allowed to CREATE DATABASE).`,
    );
  }
  project.provide("postgresUrl", withDatabase(serverUrl, database));

  return async () => {
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  };
}
