/// The API's OpenAPI 3.1 description, served at `/openapi.json`; the same text is committed as
/// `schemas/openapi.json` (a test keeps them equal) and checked by schemathesis in the tests.
enum OpenAPI {
    static let document = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "LichPhat",
    "version": "1.0.0",
    "description": "Weekly schedules of commune radio stations: the stations, a week as written with its approval, planning a week, amending it mid-week, approving it, rendering it for the loudspeaker platforms. Messages are Vietnamese, or English with ?lang=en. When the server has accounts (lichphat user add), every call needs a login: HTTP Basic (scripts) or the pages' session cookie; only a leader approves. Without accounts the server serves its own computer only and asks no login."
  },
  "paths": {
    "/api/stations": {
      "get": {
        "summary": "Every station file in the served folder that reads",
        "parameters": [
          {
            "$ref": "#/components/parameters/lang"
          }
        ],
        "responses": {
          "200": {
            "description": "The stations",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "id",
                      "name",
                      "timezone"
                    ],
                    "properties": {
                      "id": {
                        "type": "string"
                      },
                      "name": {
                        "type": "string"
                      },
                      "timezone": {
                        "type": "string"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/stations/{station}/library": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/lang"
        }
      ],
      "get": {
        "summary": "The station's audio library as scan --format json reports it (schemas/scan.schema.json)",
        "responses": {
          "200": {
            "description": "The scan report",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "files"
                  ],
                  "properties": {
                    "files": {
                      "type": "array"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "post": {
        "summary": "Add audio files to the station's library, all or none: each is stored under its own name (never over a file), measured, and returned as the scan reports it; a file that does not play is refused with the reason",
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "type": "object",
                "required": [
                  "files"
                ],
                "properties": {
                  "files": {
                    "type": "array",
                    "items": {
                      "type": "string",
                      "format": "binary"
                    }
                  },
                  "folder": {
                    "type": "string",
                    "description": "A folder of the station's audio folder (default: the folder itself)"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The files added, as in the scan report",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "files"
                  ],
                  "properties": {
                    "files": {
                      "type": "array"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "415": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/stations/{station}/weeks/{week}/files/{name}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/week"
        },
        {
          "name": "name",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^/]+$"
          }
        },
        {
          "$ref": "#/components/parameters/lang"
        }
      ],
      "get": {
        "summary": "One file of the written week (schedule.json, .csv, .ics, .liq, .html, a playlist), with its content type",
        "responses": {
          "200": {
            "description": "The file, with its content type: schedule.json, .csv, .ics, .m3u8 playlists, schedule.html, schedule.liq (text), others as bytes",
            "content": {
              "application/json; charset=utf-8": {
                "schema": {}
              },
              "text/csv; charset=utf-8": {
                "schema": {
                  "type": "string"
                }
              },
              "text/calendar; charset=utf-8": {
                "schema": {
                  "type": "string"
                }
              },
              "application/vnd.apple.mpegurl": {
                "schema": {
                  "type": "string"
                }
              },
              "text/html; charset=utf-8": {
                "schema": {
                  "type": "string"
                }
              },
              "text/plain; charset=utf-8": {
                "schema": {
                  "type": "string"
                }
              },
              "application/octet-stream": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/stations/{station}/weeks/{week}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/week"
        },
        {
          "$ref": "#/components/parameters/lang"
        }
      ],
      "get": {
        "summary": "The week's schedule.json as written, with its approval",
        "responses": {
          "200": {
            "$ref": "#/components/responses/Week"
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/stations/{station}/weeks/{week}/plan": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/week"
        },
        {
          "$ref": "#/components/parameters/lang"
        }
      ],
      "post": {
        "summary": "Plan the week and write it, as lichphat plan does: never over an approved week; a week that cannot meet every minimum is not written (422) unless allowShortfall — as the week's next revision (the one before kept). A week ever approved is never planned whole again (409: amend it); a running week changes only sessions not yet begun.",
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "allowShortfall": {
                    "type": "boolean",
                    "description": "Write the best plan found even when a minimum cannot be met"
                  },
                  "seed": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 9007199254740991,
                    "description": "Tie-break seed (default 0): the same seed gives the same plan"
                  },
                  "pins": {
                    "type": "array",
                    "maxItems": 500,
                    "items": {
                      "$ref": "#/components/schemas/Pin"
                    },
                    "description": "Airings to keep, besides the week's own pins (stored with the week)"
                  },
                  "remove": {
                    "type": "array",
                    "maxItems": 500,
                    "items": {
                      "$ref": "#/components/schemas/Pin"
                    },
                    "description": "Airings never to plan: this item in this session on this day"
                  },
                  "past": {
                    "type": "boolean",
                    "description": "Plan a week that has ended (recorded as planned after the fact); without it such a week is refused (422)"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/Week"
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Shortfall"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/ifMatch"
          },
          {
            "$ref": "#/components/parameters/idempotencyKey"
          }
        ]
      }
    },
    "/api/stations/{station}/weeks/{week}/approve": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/week"
        },
        {
          "$ref": "#/components/parameters/lang"
        }
      ],
      "post": {
        "summary": "Approve the revision seen: If-Match (or \"revision\" in the body) names it, 428 without, 409 when the week has moved on. The approver is the logged-in leader, or (without accounts) the name given as by",
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [],
                "properties": {
                  "by": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 200,
                    "pattern": "\\S"
                  },
                  "revision": {
                    "type": "string",
                    "pattern": "^[0-9a-f]{64}$",
                    "description": "The SHA-256 of the revision approved (the week's ETag), when If-Match is not sent"
                  }
                },
                "description": "Without accounts, by (the approver's full name) is needed (400 without it); with accounts it is ignored and the leader's own name is recorded; an operator gets 403."
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The approval",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "by",
                    "at",
                    "sha256",
                    "revision"
                  ],
                  "properties": {
                    "by": {
                      "type": "string"
                    },
                    "at": {
                      "type": "string"
                    },
                    "sha256": {
                      "type": "string",
                      "pattern": "^[0-9a-f]{64}$"
                    },
                    "revision": {
                      "type": "integer",
                      "minimum": 1
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          },
          "428": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/ifMatch"
          },
          {
            "$ref": "#/components/parameters/idempotencyKey"
          }
        ]
      }
    },
    "/api/stations/{station}/weeks/{week}/amend": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/week"
        },
        {
          "$ref": "#/components/parameters/lang"
        }
      ],
      "post": {
        "summary": "Add a notice to the written week from a time on, as lichphat amend does: sessions before from stay as they are, every quota still holds (only fill gives way); the week becomes the next revision (the previous one kept under revisions/), its approval is cleared and it must be approved again",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "item"
                ],
                "properties": {
                  "item": {
                    "type": "string",
                    "minLength": 1,
                    "description": "The item's id in the station file"
                  },
                  "times": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 50,
                    "description": "How many times (default: the item's weekly minimum, else 1)"
                  },
                  "priority": {
                    "type": "boolean",
                    "description": "First after the session's opening items"
                  },
                  "from": {
                    "type": "string",
                    "description": "Station time like 2026-11-25T17:00 or 2026-11-25 17:00 (default: now); not in the past"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/Week"
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/ifMatch"
          },
          {
            "$ref": "#/components/parameters/idempotencyKey"
          }
        ]
      }
    },
    "/api/stations/{station}/weeks/{week}/render": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/week"
        },
        {
          "$ref": "#/components/parameters/lang"
        }
      ],
      "get": {
        "summary": "How far rendering the week has come, or what it said when it finished (404 when not rendered since the server started)",
        "responses": {
          "200": {
            "description": "The render",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RenderJob"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "post": {
        "summary": "Render the written week for the loudspeaker platforms, as lichphat render does (one audio file per session at its gain, render.json, platform.json, platform.csv in the week's render/ folder), in the background: 202 at once, then GET for progress",
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "format": {
                    "type": "string",
                    "enum": [
                      "mp3",
                      "wav"
                    ],
                    "description": "Default mp3"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "Started",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RenderJob"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/stations/{station}/audit": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/lang"
        }
      ],
      "post": {
        "summary": "Audit the station over a period (as lichphat audit --format json): from its plans, or from the play logs sent as asrun (not kept)",
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "type": "object",
                "properties": {
                  "period": {
                    "type": "string",
                    "description": "A month 2026-11, a quarter 2026-Q4, a half 2026-H2 or a year 2026"
                  },
                  "from": {
                    "type": "string",
                    "format": "date"
                  },
                  "to": {
                    "type": "string",
                    "format": "date"
                  },
                  "asrun": {
                    "type": "array",
                    "items": {
                      "type": "string",
                      "format": "binary"
                    },
                    "description": "Play logs (CSV)"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The audit (lichphat/audit@1)",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "schema"
                  ],
                  "properties": {
                    "schema": {
                      "const": "lichphat/audit@1"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "415": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/stations/{station}/weeks/{week}/history": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/week"
        },
        {
          "$ref": "#/components/parameters/lang"
        }
      ],
      "get": {
        "summary": "The week's revisions, oldest first: who did what when, which was approved, the airings each changed",
        "responses": {
          "200": {
            "description": "The history (history.json)",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "schema",
                    "revisions"
                  ],
                  "properties": {
                    "schema": {
                      "const": "lichphat/history@1"
                    },
                    "revisions": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Revision"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/stations/{station}/weeks/{week}/airings/{airing}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/week"
        },
        {
          "$ref": "#/components/parameters/lang"
        },
        {
          "$ref": "#/components/parameters/airing"
        }
      ],
      "delete": {
        "summary": "Remove one airing of a draft by its id (a new revision; the later airings move up); 409 on an approved week or when If-Match is stale",
        "parameters": [
          {
            "$ref": "#/components/parameters/ifMatch"
          },
          {
            "$ref": "#/components/parameters/idempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/Week"
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/stations/{station}/weeks/{week}/airings/{airing}/pin": {
      "parameters": [
        {
          "$ref": "#/components/parameters/station"
        },
        {
          "$ref": "#/components/parameters/week"
        },
        {
          "$ref": "#/components/parameters/lang"
        },
        {
          "$ref": "#/components/parameters/airing"
        }
      ],
      "post": {
        "summary": "Pin (or unpin) one airing of a draft by its id: planning again keeps it there",
        "parameters": [
          {
            "$ref": "#/components/parameters/ifMatch"
          },
          {
            "$ref": "#/components/parameters/idempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "pinned"
                ],
                "properties": {
                  "pinned": {
                    "type": "boolean"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/Week"
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          },
          "429": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    }
  },
  "components": {
    "parameters": {
      "station": {
        "name": "station",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$"
        }
      },
      "week": {
        "name": "week",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[0-9]{4}-W[0-9]{2}$"
        }
      },
      "lang": {
        "name": "lang",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "vi",
            "en"
          ]
        }
      },
      "ifMatch": {
        "name": "If-Match",
        "in": "header",
        "required": false,
        "schema": {
          "type": "string",
          "pattern": "^(W/)?\"([0-9a-f]{64}|none)\"$"
        },
        "description": "The week's ETag as last seen (GET …/weeks/{week}); the change is refused with 409 and the week's revision now when the week has moved on. \"none\": the week had no schedule."
      },
      "idempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": false,
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9._~-]{1,100}$"
        },
        "description": "A key for this change: sent again (a retry), it is answered with the revision the first call made, and nothing is done twice."
      },
      "airing": {
        "name": "airing",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}\\.[a-z0-9_-]+\\.[a-z0-9_-]+(~[0-9]+)?$"
        },
        "description": "An airing's id as the week gives it: <date>.<session>.<item>"
      }
    },
    "responses": {
      "Error": {
        "description": "What went wrong and what to do, in the request's language",
        "content": {
          "application/json": {
            "schema": {
              "type": "object",
              "required": [
                "error"
              ],
              "properties": {
                "error": {
                  "type": "object",
                  "required": [
                    "code",
                    "message"
                  ],
                  "properties": {
                    "code": {
                      "type": "string"
                    },
                    "message": {
                      "type": "string"
                    },
                    "revision": {
                      "type": [
                        "object",
                        "null"
                      ],
                      "description": "On 409: the week's revision now (null when it has no schedule)",
                      "properties": {
                        "number": {
                          "type": "integer"
                        },
                        "hash": {
                          "type": "string"
                        },
                        "by": {
                          "type": "string"
                        },
                        "at": {
                          "type": "string"
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      },
      "Week": {
        "description": "The week's schedule.json (schemas/schedule.schema.json) with its approval and its revision; the ETag header is the revision's SHA-256, for If-Match",
        "content": {
          "application/json": {
            "schema": {
              "type": "object",
              "required": [
                "schema",
                "station",
                "week",
                "sessions",
                "approval",
                "revision"
              ],
              "properties": {
                "schema": {
                  "const": "lichphat/schedule@1"
                },
                "week": {
                  "type": "string"
                },
                "approval": {
                  "type": "object",
                  "required": [
                    "state"
                  ],
                  "properties": {
                    "state": {
                      "enum": [
                        "draft",
                        "approved",
                        "modified"
                      ]
                    },
                    "by": {
                      "type": "string"
                    },
                    "at": {
                      "type": "string"
                    }
                  }
                },
                "revision": {
                  "type": "object",
                  "required": [
                    "number",
                    "hash"
                  ],
                  "properties": {
                    "number": {
                      "type": "integer",
                      "minimum": 1
                    },
                    "hash": {
                      "type": "string",
                      "pattern": "^[0-9a-f]{64}$"
                    }
                  }
                }
              }
            }
          }
        },
        "headers": {
          "ETag": {
            "schema": {
              "type": "string"
            },
            "description": "\"<SHA-256 of schedule.json>\""
          }
        }
      },
      "Shortfall": {
        "description": "A minimum cannot be met (the week is not written), or another input is refused: the message, and for a shortfall each minimum with its numbers (lengths in seconds)",
        "content": {
          "application/json": {
            "schema": {
              "type": "object",
              "required": [
                "error"
              ],
              "properties": {
                "error": {
                  "type": "object",
                  "required": [
                    "code",
                    "message"
                  ],
                  "properties": {
                    "code": {
                      "type": "string"
                    },
                    "message": {
                      "type": "string"
                    },
                    "shortfalls": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "kind",
                          "id",
                          "name",
                          "needed",
                          "got"
                        ],
                        "properties": {
                          "kind": {
                            "enum": [
                              "rule",
                              "item"
                            ]
                          },
                          "id": {
                            "type": "string"
                          },
                          "name": {
                            "type": "string"
                          },
                          "needed": {
                            "type": "integer"
                          },
                          "got": {
                            "type": "integer"
                          },
                          "allowedSessions": {
                            "type": "integer"
                          },
                          "capacityLeft": {
                            "type": "number"
                          },
                          "largestGap": {
                            "type": "number"
                          },
                          "eligibleItems": {
                            "type": "integer"
                          },
                          "shortestItem": {
                            "type": [
                              "number",
                              "null"
                            ]
                          },
                          "outOfWindow": {
                            "type": "array",
                            "items": {
                              "type": "string"
                            }
                          },
                          "unusable": {
                            "type": "array",
                            "items": {
                              "type": "string"
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "securitySchemes": {
      "basic": {
        "type": "http",
        "scheme": "basic",
        "description": "An account's name and password (lichphat user add)."
      },
      "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "lichphat_session",
        "description": "The pages' login session."
      }
    },
    "schemas": {
      "Pin": {
        "type": "object",
        "required": [
          "date",
          "session",
          "item"
        ],
        "properties": {
          "date": {
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A day of the week, YYYY-MM-DD"
          },
          "session": {
            "type": "string",
            "minLength": 1,
            "description": "A session id of the station"
          },
          "item": {
            "type": "string",
            "minLength": 1,
            "description": "An item id of the station"
          }
        }
      },
      "RenderJob": {
        "type": "object",
        "required": [
          "state",
          "done",
          "total",
          "format",
          "message"
        ],
        "properties": {
          "state": {
            "type": "string",
            "enum": [
              "running",
              "done",
              "failed"
            ]
          },
          "done": {
            "type": "integer",
            "minimum": 0
          },
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "format": {
            "type": "string",
            "enum": [
              "mp3",
              "wav"
            ]
          },
          "message": {
            "type": [
              "string",
              "null"
            ],
            "description": "What the render said when it finished (null while running)"
          }
        }
      },
      "Revision": {
        "type": "object",
        "required": [
          "number",
          "hash",
          "kind",
          "by",
          "at",
          "changes"
        ],
        "properties": {
          "number": {
            "type": "integer",
            "minimum": 1
          },
          "hash": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$"
          },
          "kind": {
            "enum": [
              "plan",
              "replan",
              "edit",
              "pin",
              "amend",
              "recorded"
            ]
          },
          "by": {
            "type": "string"
          },
          "via": {
            "enum": [
              "cli",
              "web",
              "api"
            ]
          },
          "at": {
            "type": "string"
          },
          "request": {
            "type": "string"
          },
          "afterTheFact": {
            "type": "boolean"
          },
          "approved": {
            "type": "object",
            "required": [
              "by",
              "at"
            ],
            "properties": {
              "by": {
                "type": "string"
              },
              "at": {
                "type": "string"
              },
              "via": {
                "enum": [
                  "cli",
                  "web",
                  "api"
                ]
              }
            }
          },
          "changes": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "change",
                "airing",
                "item",
                "title",
                "session",
                "date",
                "start"
              ],
              "properties": {
                "change": {
                  "enum": [
                    "added",
                    "removed",
                    "moved",
                    "pinned",
                    "unpinned"
                  ]
                },
                "airing": {
                  "type": "string"
                },
                "item": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "session": {
                  "type": "string"
                },
                "date": {
                  "type": "string"
                },
                "start": {
                  "type": "string"
                },
                "was": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    }
  },
  "security": [
    {},
    {
      "basic": []
    },
    {
      "session": []
    }
  ]
}
"""#
}
