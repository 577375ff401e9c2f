package io.logdex.samples;

/**
 * The words a generated cluster is made of. They are chosen to look like a real control plane so
 * that keyword search has something to find (image names, hosts, error reasons) and to include
 * multi-byte UTF-8, escapes and embedded quotes where real state has them.
 */
final class ClusterVocabulary {
  private ClusterVocabulary() {}

  static final Pool CLUSTERS = new Pool(
      "prod-eu-1", "prod-us-east-2", "staging-ap-southeast-1", "prod-eu-central-2", "prod-sa-east-1",
      "canary-us-west-2");
  static final Pool REGIONS = new Pool(
      "eu-west-1", "us-east-2", "ap-southeast-1", "eu-central-2", "sa-east-1", "us-west-2");
  static final Pool CLUSTER_DESCRIPTIONS = new Pool(
      "Produktionscluster für Europa — 本番クラスタ (EU) 🇪🇺",
      "Primary production cluster, US East — «north-america»",
      "Staging für APAC: Lasttests und Vorabversionen",
      "Zweiter EU-Standort, Frankfurt — RZ Süd",
      "Clúster de producción São Paulo — região América do Sul",
      "Canary cluster: 5 % of traffic, auto-rollback enabled");

  /** Namespace stems; a namespace past the list's end gets a numeric suffix. */
  static final Pool TEAMS = new Pool(
      "payments", "checkout", "search", "identity", "observability", "ledger", "inventory",
      "notifications", "recommendations", "media-transcode", "billing", "fraud-detection", "shipping",
      "catalog", "analytics", "messaging", "auth-gateway", "data-platform", "ml-serving", "storefront",
      "support-desk", "geo-routing", "reporting", "warehouse");

  /** Deployment roles: a prime count, so any step in [1, n) visits every role once. */
  static final Pool ROLES = new Pool(
      "api", "worker", "scheduler", "gateway", "consumer", "indexer", "cache-warmer", "exporter",
      "webhooks", "reconciler", "frontend", "grpc", "batch", "stream-processor", "admin", "migrator",
      "notifier", "sync", "resolver", "aggregator", "ingest", "router", "janitor");

  static final Pool SIDECARS = new Pool("envoy", "fluent-bit", "otel-agent", "vault-agent", "cloudsql-proxy");
  static final Pool SIDECAR_IMAGES = new Pool(
      "docker.io/envoyproxy/envoy:v1.30.2", "cr.fluentbit.io/fluent/fluent-bit:3.0.7",
      "otel/opentelemetry-collector-contrib:0.104.0", "hashicorp/vault:1.17.2",
      "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.4");

  static final Pool REGISTRIES = new Pool(
      "registry.internal.example.com", "ghcr.io/acme-corp", "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
      "europe-docker.pkg.dev/acme-prod/containers");

  static final Pool TIERS = new Pool("backend", "frontend", "data", "batch", "edge");
  static final Pool CPU = new Pool("100m", "250m", "500m", "1", "2", "4");
  static final Pool MEMORY = new Pool("128Mi", "256Mi", "512Mi", "1Gi", "2Gi", "4Gi", "8Gi");
  static final Pool LOG_LEVELS = new Pool("info", "debug", "warn", "error", "trace");

  static final Pool NAMESPACE_DESCRIPTIONS = new Pool(
      "Zahlungsabwicklung für den EU-Markt (SEPA, Überweisungen)",
      "Recherche plein texte — équipe Moteur",
      "決済サービスのバックエンド",
      "Сервис уведомлений для мобильных клиентов",
      "Inventario y almacenes — región España",
      "Observability stack: Prometheus, Loki, Tempo 📈",
      "Identity & access: OAuth2, OIDC, SCIM",
      "Servizio di spedizione — Italia 🚚",
      "数据平台：批处理与流处理",
      "Rekomendacje produktów dla sklepu",
      "Kundensupport-Tickets und Chat 💬",
      "Facturación y conciliación contable");
  static final Pool OWNERS = new Pool(
      "Zoë Müller <zoe.mueller@example.com>", "José Álvarez <jose.alvarez@example.com>",
      "Åsa Lindqvist <asa.lindqvist@example.com>", "Łukasz Wiśniewski <lukasz.w@example.com>",
      "Chloé Dubois <chloe.dubois@example.com>", "Nguyễn Thị Mai <mai.nguyen@example.com>",
      "Ирина Петрова <irina.petrova@example.com>", "田中 花子 <hanako.tanaka@example.com>",
      "Priya Raghunathan <priya.r@example.com>", "Oğuz Yılmaz <oguz.yilmaz@example.com>");
  static final Pool GREETINGS = new Pool(
      "Grüß Gott 👋", "こんにちは、世界", "¡Hola, mundo!", "Привет", "Bonjour à tous", "Olá — tudo bem?", "你好");

  /** Environment variables a container may have, in the order they are written. */
  static final Pool ENV_NAMES = new Pool(
      "DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS", "OTEL_EXPORTER_OTLP_ENDPOINT", "REDIS_URL",
      "JAVA_TOOL_OPTIONS", "GOMAXPROCS", "AWS_REGION", "FEATURE_FLAGS_URL", "SENTRY_DSN", "HTTP_TIMEOUT");

  static final Pool INSTANCE_TYPES = new Pool(
      "m6i.2xlarge", "m6i.4xlarge", "c6i.8xlarge", "r6i.4xlarge", "m7g.2xlarge", "g5.12xlarge");
  static final int[] INSTANCE_CPUS = {8, 16, 32, 16, 8, 48};
  static final String[] INSTANCE_MEMORY = {"32Gi", "64Gi", "64Gi", "128Gi", "32Gi", "192Gi"};
  static final Pool CONDITIONS = new Pool("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
  static final Pool FEATURES = new Pool(
      "PodSecurity", "GracefulNodeShutdown", "SidecarContainers", "InPlacePodVerticalScaling",
      "ValidatingAdmissionPolicy", "TopologyAwareHints", "CSIMigration", "KMSv2");
  static final Pool DAYS = new Pool("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

  static final Pool FLAGS = new Pool(
      "NEW_CHECKOUT_FLOW", "DARK_MODE", "ASYNC_LEDGER_WRITES", "SEARCH_RERANKER_V2", "EU_DATA_RESIDENCY",
      "GRPC_KEEPALIVE", "CANARY_ROUTING", "PRICE_CACHE");
  static final Pool FLAG_VALUES = new Pool("enabled", "disabled", "50%", "canary:eu-west-1b", "internal-only");

  static final Pool EVENT_REASONS_NORMAL = new Pool("Scheduled", "Pulled", "ScalingReplicaSet", "Killing", "Started");
  static final Pool EVENT_REASONS_WARNING = new Pool(
      "BackOff", "FailedScheduling", "Unhealthy", "OOMKilling", "FailedMount");
  static final Pool PROBE_FAILURES = new Pool(
      "Readiness probe failed: HTTP probe failed with statuscode: 503",
      "Liveness probe failed: Get \"http://10.1.4.17:8080/healthz\": context deadline exceeded",
      "Readiness probe failed: dial tcp 10.1.9.3:9000: connect: connection refused");
}
