// Sources that push to /api/webhooks/ingest instead of being pulled: the phone apps.
export const PUSH_SOURCES = [
  {
    slug: "apple_health",
    format: "health-auto-export",
    name: "Apple Health",
    app: "Health Auto Export",
    appUrl: "https://apps.apple.com/app/health-auto-export-json-csv/id1115567069",
    brandColor: "#ff2d55",
    steps: [
      "Install Health Auto Export on your iPhone and open Automations.",
      "Add a REST API automation; Format: JSON; paste the URL below.",
      "Add a header X-API-Key with the key below; choose the metrics and workouts to send.",
      "Run it once by hand, then let it run on its schedule.",
    ],
  },
  {
    slug: "health_connect",
    format: "health-connect",
    name: "Health Connect",
    app: "HC Webhook",
    appUrl: "https://play.google.com/store/search?q=HC%20Webhook&c=apps",
    brandColor: "#4285f4",
    steps: [
      "Install HC Webhook on your Android phone and grant it read access in Health Connect.",
      "Set the webhook URL below.",
      "Add a header X-API-Key with the key below.",
      "Choose the data types and a sync interval, then sync once by hand.",
    ],
  },
] as const;

export type PushSourceSlug = (typeof PUSH_SOURCES)[number]["slug"];
