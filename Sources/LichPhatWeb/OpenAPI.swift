/// The API's OpenAPI 3.0 description, served at `/openapi.json` (and checked by schemathesis in the tests).
enum OpenAPI {
    static let document = #"""
{
  "openapi": "3.0.3",
  "info": {"title": "LichPhat", "version": "1.0.0",
           "description": "Weekly schedules of commune radio stations: stations, a week's state, plan a week, approve it. Messages are Vietnamese, or English with ?lang=en."},
  "paths": {
    "/api/stations": {
      "get": {
        "summary": "Every station file in the served folder",
        "parameters": [{"$ref": "#/components/parameters/lang"}],
        "responses": {"200": {"description": "The stations", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StationList"}}}},
                      "400": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/stations/{id}/weeks/{week}": {
      "parameters": [{"$ref": "#/components/parameters/id"}, {"$ref": "#/components/parameters/week"}, {"$ref": "#/components/parameters/lang"}],
      "get": {
        "summary": "A week's state: planned, approved, changed after approval",
        "responses": {
          "200": {"description": "The week", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WeekState"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/stations/{id}/weeks/{week}/plan": {
      "parameters": [{"$ref": "#/components/parameters/id"}, {"$ref": "#/components/parameters/week"}, {"$ref": "#/components/parameters/lang"}],
      "post": {
        "summary": "Plan the week and write it (never over an approved week)",
        "responses": {
          "200": {"description": "Planned and written", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WeekState"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "409": {"$ref": "#/components/responses/Error"},
          "422": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/stations/{id}/weeks/{week}/approve": {
      "parameters": [{"$ref": "#/components/parameters/id"}, {"$ref": "#/components/parameters/week"}, {"$ref": "#/components/parameters/lang"}],
      "post": {
        "summary": "Record that the week was approved, by whom",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {
          "type": "object", "required": ["by"], "properties": {"by": {"type": "string", "minLength": 1, "maxLength": 200}}}}}},
        "responses": {
          "200": {"description": "Approved", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WeekState"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "409": {"$ref": "#/components/responses/Error"},
          "422": {"$ref": "#/components/responses/Error"}
        }
      }
    }
  },
  "components": {
    "parameters": {
      "id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$"}},
      "week": {"name": "week", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{4}-W[0-9]{2}$"}},
      "lang": {"name": "lang", "in": "query", "required": false, "schema": {"type": "string", "enum": ["vi", "en"]}}
    },
    "responses": {
      "Error": {"description": "What went wrong and what to do", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error", "messages"], "properties": {
        "error": {"type": "string", "enum": ["not-found", "conflict", "invalid", "bad-request", "failed"]},
        "messages": {"type": "array", "items": {"type": "string"}}}},
      "StationList": {"type": "object", "required": ["stations", "failed"], "properties": {
        "stations": {"type": "array", "items": {"type": "object", "required": ["id", "name", "file", "files", "filesWithErrors", "thisWeek", "nextWeek"], "properties": {
          "id": {"type": "string"}, "name": {"type": "string"}, "file": {"type": "string"},
          "files": {"type": "integer", "minimum": 0}, "filesWithErrors": {"type": "integer", "minimum": 0},
          "thisWeek": {"type": "string"}, "nextWeek": {"type": "string"}}}},
        "failed": {"type": "array", "items": {"type": "object", "required": ["file", "messages"], "properties": {
          "file": {"type": "string"}, "messages": {"type": "array", "items": {"type": "string"}}}}}}},
      "WeekState": {"type": "object", "required": ["station", "week", "approval", "planned", "sessions", "airings"], "properties": {
        "station": {"type": "string"}, "week": {"type": "string"},
        "approval": {"type": "string", "enum": ["approved", "draft", "modified", "none"]},
        "approvedBy": {"type": "string", "nullable": true}, "approvedAt": {"type": "string", "nullable": true},
        "planned": {"type": "boolean"}, "compliant": {"type": "boolean", "nullable": true},
        "sessions": {"type": "integer", "minimum": 0}, "airings": {"type": "integer", "minimum": 0},
        "message": {"type": "string", "nullable": true}}}
    }
  }
}
"""#
}
