using CityEdge.Hal;
using CityEdge.Link;

namespace CityEdge.Parking
{
    /// <summary>
    /// The parking capability's signed command (docs/mqtt.md, "Actions"): recalibrate-bay, sent for a
    /// technician standing at an empty bay. The bay reports unknown until its new baseline is learnt.
    /// </summary>
    public sealed class ParkingCommands : ICommandHandler
    {
        private readonly ParkingPipeline _parking;
        private readonly IClock _clock;

        public ParkingCommands(ParkingPipeline parking, IClock clock)
        {
            _parking = parking;
            _clock = clock;
        }

        public int Execute(Command command)
        {
            if (command.Arguments.Length != 1)
            {
                command.Detail = "arguments: bay (1 byte)";
                return CommandResult.InvalidArgument;
            }

            int bay = command.Arguments[0];
            if (!_parking.Recalibrate(bay, _clock.MonotonicMs()))
            {
                command.Detail = "bay: " + bay + " is not a bay of this node";
                return CommandResult.InvalidArgument;
            }

            return CommandResult.Ok;
        }
    }
}
