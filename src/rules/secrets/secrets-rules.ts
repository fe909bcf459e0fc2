import type { Rule } from "../types.js";
import { partiallyEncrypted } from "./partially-encrypted.js";
import { plaintextSecret } from "./plaintext-secret.js";
import { privateKey } from "./private-key.js";
import { sealedSecretClusterWide } from "./sealed-secret-cluster-wide.js";
import { serviceAccountToken } from "./service-account-token.js";
import { sopsMetadataRemoved } from "./sops-metadata-removed.js";

/** The `secrets/` family: secret material committed readable, or sealed so that others can unseal it. */
export const SECRETS_RULES: Rule[] = [plaintextSecret, partiallyEncrypted, sopsMetadataRemoved, serviceAccountToken, sealedSecretClusterWide, privateKey];
