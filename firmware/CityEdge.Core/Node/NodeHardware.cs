using CityEdge.Air;
using CityEdge.Climate;
using CityEdge.Hal;
using CityEdge.Lighting;
using CityEdge.Noise;
using CityEdge.Parking;

namespace CityEdge.Node
{
    /// <summary>
    /// The sensors and actuators this node has, created by the device app from the board profile (or
    /// by the simulator). A null entry means "not fitted": the node runs without that capability and
    /// its report simply has no such group.
    /// </summary>
    public sealed class NodeHardware
    {
        public IClimateSensor Climate { get; set; }

        /// <summary>PMS5003 / PMS7003 particulate sensor (drivers/Pms5003).</summary>
        public IParticulateSensor Particulates { get; set; }

        /// <summary>Sound level front end: the SEN0232 analog meter or an I2S MEMS microphone (drivers/).</summary>
        public INoiseFrontEnd Noise { get; set; }

        /// <summary>The lamp's dimming output (PWM, or PWM filtered to 0-10 V): its presence makes the node a lamp controller.</summary>
        public IPwmChannel LampPwm { get; set; }

        /// <summary>PIR / radar presence inputs at the lamp (high = someone there); null or empty for none.</summary>
        public IGpioPin[] PresencePins { get; set; }

        /// <summary>Ambient light sensor (BH1750): photocell fallback and dark-day detection.</summary>
        public IAmbientLightSensor AmbientLight { get; set; }

        /// <summary>Mains power metering of the luminaire; null = energy from the power model.</summary>
        public ILampPowerMeter LampMeter { get; set; }

        /// <summary>Heap, RSSI and reset reason for the status message; null reports them as unknown.</summary>
        public ISystemInfo SystemInfo { get; set; }

        /// <summary>Planned restarts (reboot command, config trial); null: the node cannot reboot itself.</summary>
        public INodeControl Control { get; set; }

        /// <summary>One magnetometer per parking bay, bay 0 first (parking.bays says how many are used);
        /// a null entry is a bay whose sensor is missing (or has not passed its self-check yet).</summary>
        public IMagnetometer[] Magnetometers { get; set; }

        /// <summary>Start-up self-checks, one per bay (null entries: none); the runtime runs them as a
        /// scheduled task and fills <see cref="Magnetometers"/> with the sensors that pass.</summary>
        public IMagnetometerCheck[] MagnetometerChecks { get; set; }
    }
}
