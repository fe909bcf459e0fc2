/** A Secret manifest with the given body after `metadata`, for rule examples in the docs. */
export function secretExample(body: string, name = "db"): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: payments\ntype: Opaque\n${body}`;
}

/** A `sops:` block as `sops -e --encrypted-regex '^(data|stringData)$'` writes it (age recipient, values shortened). */
export const SOPS_BLOCK = `sops:
    age:
        - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
          enc: |
            -----BEGIN AGE ENCRYPTED FILE-----
            YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBsZ0dqOUJjZ2JkZHRx
            -----END AGE ENCRYPTED FILE-----
    lastmodified: "2025-01-14T10:21:07Z"
    mac: ENC[AES256_GCM,data:p1Xq3v8Zb0H5r0jQ2Z9w7kq1mG2n4s6t8u0v2w4x6y8=,iv:3mJ8Kq2Lr5Ns7Pt9Qv1Rx3Tz5Vb7Xd9Zf1Hh3Jj5Ll7=,tag:Nn9Pp1Rr3Tt5Vv7Xx9Zz1A==,type:str]
    encrypted_regex: ^(data|stringData)$
    version: 3.9.2
`;
