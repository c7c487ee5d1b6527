"""Capacity: service demands from the spec (demand.py), M/M/c and USL predictions
(queueing.py, predict.py), growth forecast (forecast.py), and calibration against a running
generated service (calibrate.py); see docs/capacity.md. Import the modules themselves: this
package imports nothing, so that naming one part does not load SciPy."""
