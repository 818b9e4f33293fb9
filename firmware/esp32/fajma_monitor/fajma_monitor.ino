// Fajma ESP32 monitor (ESP32-WROOM-32, Arduino-ESP32 2.0.x): MAX30102 heart rate and SpO2, DS18B20 temperature,
// signed messages over MQTT/TLS with the `fajma devices provision` bundle. A thin shell: everything that decides
// anything is in the portable core (../core, host-tested); fajma_esp32.h adapts the board to its interfaces.
#include <Arduino.h>

#include "fajma_esp32.h"

static fajma_esp32::Board board;

void setup() {
    Serial.begin(115200);
    board.setup();
}

void loop() {
    board.loop();
    delay(5);
}
