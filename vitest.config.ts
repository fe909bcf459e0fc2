import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Test setup generates real gpg/ssh keys and git repositories: slower than pure unit tests.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
