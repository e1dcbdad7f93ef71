/* kits.c: the controlled items schemes take apart, and their components.
 * Kit and component ids are the ones the rule pack (rules/kits.yaml) and
 * the truth file use.  For each component: the HS subheadings that tell
 * (HS 2022), the explicit names (concealment level 0), the trade
 * euphemisms (level 1), what kind of cargo it passes for when described
 * vaguely (levels 2 and 3), and its real weight and value per kilogram.
 * Sources: MTCR Annex and the CCL entries named per kit. */
#include <string.h>

#include "kits.h"
#include "log.h"
#include "sim.h"

static const component srm[] = {
    {"motor-case", "730459|681599|841290",
     "ROCKET MOTOR CASE|SOLID ROCKET MOTOR CASING|Motor case for solid propellant rocket",
     "FILAMENT WOUND PRESSURE VESSEL|COMPOSITE CYLINDER|Composite pressure vessels, empty",
     KIND_MECH, 400, 2500, 150, 400, "CRATES", "CN"},
    {"nozzle", "681519|841290",
     "ROCKET NOZZLE|ROCKET NOZZLE ASSEMBLY",
     "CARBON-CARBON THROAT INSERT|GRAPHITE NOZZLE|Graphite nozzle inserts",
     KIND_MECH, 100, 900, 300, 800, "CASES", "CN DE"},
    {"oxidiser", "282990",
     "AMMONIUM PERCHLORATE|AMMONIUM PERCHLORATE 200 MICRON|Ammonium perchlorate, fine grade",
     "OXIDISING AGENT|PERCHLORATE SALT|Oxidizing agent, industrial grade",
     KIND_CHEM, 8000, 20000, 3, 8, "DRUMS", "CN"},
    {"binder", "400259|390290|391190",
     "HTPB|HYDROXYL-TERMINATED POLYBUTADIENE|HTPB R45M",
     "LIQUID RUBBER RESIN|Polybutadiene resin, liquid",
     KIND_CHEM, 2000, 10000, 8, 20, "DRUMS", "CN US"},
    {"metal-fuel", "760310",
     "SPHERICAL ALUMINIUM POWDER|SPHERICAL ALUMINIUM POWDER 15 MICRON",
     "ATOMISED ALUMINIUM POWDER|Atomized aluminum powder",
     KIND_CHEM, 3000, 12000, 8, 15, "DRUMS", "CN"},
    {"winding-machine", "847989|844590",
     "FILAMENT WINDING MACHINE|4-AXIS CNC FILAMENT WINDING MACHINE",
     "COMPOSITE FIBRE PLACEMENT MACHINE|Fibre winding equipment",
     KIND_MECH, 4000, 15000, 60, 150, "CRATES", "CN DE IT"},
};

static const component guidance[] = {
    {"gyroscope", "901420",
     "FIBRE OPTIC GYROSCOPE|RING LASER GYRO|Fiber optic gyroscopes",
     "RATE SENSOR|Angular rate sensors|MOTION SENSOR MODULES",
     KIND_ELEC, 20, 200, 2000, 8000, "CASES", "CN RU"},
    {"accelerometer", "903180|903289",
     "SERVO ACCELEROMETER|QUARTZ ACCELEROMETER|Quartz flexure accelerometers",
     "VIBRATION SENSOR|Vibration sensors for testing|INERTIAL SENSORS",
     KIND_ELEC, 10, 100, 2000, 6000, "CASES", "CN RU"},
    {"nav-computer", "847150|847330",
     "INERTIAL NAVIGATION COMPUTER|FLIGHT COMPUTER",
     "EMBEDDED FLIGHT COMPUTER|INDUSTRIAL CONTROL BOARD|Ruggedised embedded computer",
     KIND_ELEC, 30, 300, 500, 2000, "CASES", "CN TW"},
    {"gnss", "852691",
     "GPS RECEIVER MODULE|ANTI-JAM GNSS RECEIVER",
     "SATELLITE TIMING RECEIVER|GNSS timing modules",
     KIND_ELEC, 10, 120, 500, 3000, "CARTONS", "CN TW"},
    {"servo", "848120|841221",
     "SERVO VALVE|ELECTRO-HYDRAULIC SERVO ACTUATOR",
     "ELECTRO-HYDRAULIC ACTUATOR|Hydraulic control valves",
     KIND_MECH, 50, 600, 300, 1200, "CASES", "CN DE"},
};

static const component tel[] = {
    {"chassis", "870410|870590",
     "8X8 OFF-ROAD TRUCK CHASSIS|MULTI-AXLE SPECIAL VEHICLE CHASSIS",
     "HEAVY-DUTY TRACTOR CHASSIS|LOGGING TRUCK|Lumber transport vehicle",
     KIND_VEHICLE, 15000, 30000, 15, 40, "UNITS", "CN"},
    {"erector", "841221",
     "HYDRAULIC ERECTOR CYLINDERS|ERECTING MECHANISM FOR LAUNCHER",
     "HYDRAULIC LIFTING CYLINDER|Telescopic hydraulic ram",
     KIND_MECH, 2000, 8000, 20, 60, "CRATES", "CN"},
    {"outriggers", "842542",
     "OUTRIGGERS AND LEVELLING JACKS|Outrigger jack system for launcher",
     "HYDRAULIC JACKS|Hydraulic support legs",
     KIND_MECH, 1000, 5000, 15, 40, "CRATES", "CN"},
    {"power-unit", "841350|841360",
     "AUXILIARY HYDRAULIC POWER UNIT|VEHICLE-MOUNTED POWER UNIT",
     "HYDRAULIC POWER PACK|Hydraulic pump station",
     KIND_MECH, 800, 3000, 20, 60, "CRATES", "CN"},
    {"launch-control", "853710|847150",
     "LAUNCH CONTROL CONSOLE|FIRE CONTROL UNIT",
     "CONTROL CONSOLE|Vehicle control cabinet",
     KIND_ELEC, 200, 1500, 300, 1000, "CASES", "CN"},
};

static const component liquid[] = {
    {"turbopump", "841370|841391",
     "TURBOPUMP|ROCKET ENGINE TURBOPUMP",
     "HIGH SPEED CENTRIFUGAL PUMP|High-speed pump assembly",
     KIND_MECH, 200, 1500, 500, 2000, "CRATES", "CN RU"},
    {"valves", "848120|848180",
     "PROPELLANT VALVES|BIPROPELLANT SHUT-OFF VALVES",
     "CRYOGENIC VALVE|SERVO VALVE|High pressure control valves",
     KIND_MECH, 50, 500, 300, 1500, "CASES", "CN RU"},
    {"fuel", "292800",
     "UNSYMMETRICAL DIMETHYLHYDRAZINE|UDMH|ROCKET FUEL",
     "HYDRAZINE DERIVATIVE|Organic hydrazine compound",
     KIND_CHEM, 5000, 18000, 10, 30, "DRUMS", "CN RU"},
    {"oxidiser", "281129",
     "DINITROGEN TETROXIDE|NITROGEN TETROXIDE (N2O4)",
     "NITROGEN OXIDE|Mixed nitrogen oxides",
     KIND_CHEM, 8000, 20000, 3, 8, "CYLINDERS", "CN RU"},
    {"thrust-chamber", "841290|841210",
     "THRUST CHAMBER|ROCKET ENGINE COMBUSTION CHAMBER",
     "COMBUSTION CHAMBER LINER|NIOBIUM ALLOY PARTS",
     KIND_MECH, 200, 1200, 500, 2500, "CRATES", "CN RU"},
    {"maraging-steel", "722490|722830",
     "MARAGING STEEL|MARAGING STEEL BARS C250",
     "HIGH-STRENGTH ALLOY STEEL BARS|Special alloy steel forgings",
     KIND_METAL, 3000, 15000, 20, 60, "BUNDLES", "CN RU"},
};

static const component centrifuge[] = {
    {"rotor-tube", "722490|681599|681513",
     "MARAGING STEEL ROTOR TUBE|CARBON FIBRE ROTOR TUBES",
     "CARBON FIBRE CYLINDER|High-strength tubes",
     KIND_METAL, 500, 3000, 200, 800, "CRATES", "CN"},
    {"bellows", "830710",
     "METAL BELLOWS FOR CENTRIFUGE ROTORS|MARAGING STEEL BELLOWS",
     "METAL BELLOWS|Flexible metal tubing",
     KIND_MECH, 50, 400, 200, 1000, "CASES", "CN"},
    {"magnets", "850511",
     "SAMARIUM COBALT RING MAGNETS|RING MAGNETS",
     "SAMARIUM COBALT MAGNETS|Permanent magnets",
     KIND_ELEC, 100, 1000, 100, 400, "CASES", "CN"},
    {"frequency-converter", "850440",
     "FREQUENCY CONVERTER 600-2000 HZ|HIGH FREQUENCY CONVERTERS",
     "VARIABLE FREQUENCY DRIVE|INVERTER",
     KIND_ELEC, 300, 3000, 100, 400, "CASES", "CN"},
    {"vacuum-pump", "841410",
     "TURBOMOLECULAR VACUUM PUMP|Turbomolecular pumps",
     "VACUUM PUMP|Dry vacuum pumps",
     KIND_MECH, 200, 2000, 100, 500, "CRATES", "CN"},
    {"flow-forming", "846390",
     "FLOW FORMING MACHINE|3-ROLLER FLOW FORMING MACHINE",
     "SPIN FORMING LATHE|Metal spinning machine",
     KIND_MECH, 6000, 20000, 50, 150, "CRATES", "CN DE"},
};

static const kit kits[] = {
    {"srm", "solid rocket motor", srm, (int)COUNT_OF(srm)},
    {"guidance", "inertial guidance set", guidance, (int)COUNT_OF(guidance)},
    {"tel", "transporter-erector-launcher", tel, (int)COUNT_OF(tel)},
    {"liquid", "liquid-propellant stage", liquid, (int)COUNT_OF(liquid)},
    {"centrifuge", "gas centrifuge cascade", centrifuge, (int)COUNT_OF(centrifuge)},
};

/* What a component passes for when the filer hides it: the vague words of
 * levels 2 and 3, and the vague HS code of level 3. */
static const struct { const char *texts, *hs; } vague[] = {
    [KIND_CHEM] = {"CHEMICALS|INDUSTRIAL CHEMICALS|CHEMICAL PRODUCTS|RAW MATERIALS|GENERAL CARGO", "382499"},
    [KIND_MECH] = {"SPARE PARTS|MACHINERY PARTS|INDUSTRIAL EQUIPMENT|GENERAL CARGO|MECHANICAL PARTS",
                   "848790|847990"},
    [KIND_ELEC] = {"ELECTRONIC COMPONENTS|SPARE PARTS|INDUSTRIAL EQUIPMENT|ELECTRICAL PARTS", "854390|854370"},
    [KIND_VEHICLE] = {"VEHICLE PARTS|TRUCK PARTS|GENERAL CARGO|USED VEHICLE", "870899"},
    [KIND_METAL] = {"STEEL PRODUCTS|METAL PRODUCTS|GENERAL CARGO|RAW MATERIALS", "732690"},
};

const kit *kit_all(int *n)
{
    *n = (int)COUNT_OF(kits);
    return kits;
}

const char *kind_vague_texts(int kind) { return vague[kind].texts; }
const char *kind_vague_hs(int kind) { return vague[kind].hs; }

static bool check_list(const refdata *ref, const char *list, const char *what)
{
    bool ok = true;
    char code[8];
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, "|");
        snprintf(code, sizeof code, "%.*s", (int)(n < 7 ? n : 7), p);
        if (!ref_hs_find(ref, code)) {
            cw_err("sim: %s HS %s is not in HS 2022", what, code);
            ok = false;
        }
        p += n + (p[n] == '|');
    }
    return ok;
}

bool kits_check_tables(const refdata *ref)
{
    bool ok = true;
    for (size_t k = 0; k < COUNT_OF(kits); k++)
        for (int i = 0; i < kits[k].ncomp; i++)
            ok &= check_list(ref, kits[k].comp[i].hs, kits[k].comp[i].id);
    for (size_t i = 0; i < COUNT_OF(vague); i++)
        ok &= check_list(ref, vague[i].hs, "vague");
    return ok;
}
