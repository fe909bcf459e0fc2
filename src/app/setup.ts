/**
 * `npm run setup`: registers the GitHub App from `app.yml` with Probot's manifest flow. Open the printed URL, pick the
 * account, and GitHub creates the app with exactly the permissions and events of `app.yml`; the app id, private key and
 * webhook secret are written to `.env`, which `npm start` reads.
 */
import { run } from "probot";

// Without credentials Probot serves its setup flow instead of the app; make sure none leak in from the environment.
await run(() => {}, { env: { ...process.env, APP_ID: "", PRIVATE_KEY: "", PRIVATE_KEY_PATH: "" } });
