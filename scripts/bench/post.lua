-- wrk: POST /orders with a varying customer, as a burst of creates.
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"customer_id": %d, "total_amount": %d.%02d}', counter % 1000 + 1, counter % 500, counter % 100)
  return wrk.format("POST", "/orders", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")}, body)
end
