package io.aftersales.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./aftersales token --user U --roles R1,R2 --stores S1,S2 [--ttl 8h]}: prints a bearer token
 * for the local system, signed with the data directory's local key.
 */
public final class LocalToken {

    static final Set<String> ROLES = Set.of("AGENT", "SUPERVISOR", "WAREHOUSE", "LOGISTICS", "QA", "ADMIN");
    static final String USAGE = """
            usage: aftersales token --user USER --roles ROLE[,ROLE...] [--stores STORE[,STORE...]] [--ttl 8h] [--data-dir DIR]
              roles: AGENT, SUPERVISOR, WAREHOUSE, LOGISTICS, QA, ADMIN
              stores: the stores the user works for; ADMIN and QA see every store (or give --stores '*')""";

    private LocalToken() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(issue(args, System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    static String issue(String[] args, Map<String, String> env) {
        String user = null;
        String roles = null;
        String stores = "";
        String ttl = "8h";
        String dataDir = env.getOrDefault("AFTERSALES_DATA_DIR", "data");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                name = arg.substring(2);
                value = args[++i];
            } else {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            switch (name) {
                case "user" -> user = value;
                case "roles" -> roles = value;
                case "stores" -> stores = value;
                case "ttl" -> ttl = value;
                case "data-dir" -> dataDir = value;
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("--user is required");
        }
        List<String> roleList = split(roles);
        if (roleList.isEmpty()) {
            throw new IllegalArgumentException("--roles is required");
        }
        for (String role : roleList) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role " + role);
            }
        }
        Duration validFor;
        try {
            validFor = Duration.parse("PT" + ttl.toUpperCase());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ttl must look like 30m or 8h");
        }
        return LocalSigningKey.loadOrCreate(Path.of(dataDir)).issueToken(user.strip(), roleList, split(stores), validFor);
    }

    private static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
