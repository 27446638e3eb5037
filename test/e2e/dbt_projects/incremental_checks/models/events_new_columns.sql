{{ config(materialized='incremental', incremental_strategy='append',
          on_schema_change='append_new_columns') }}
select id, amount
{% if var('second_run', false) %}, amount * 2 as doubled{% endif %}
from {{ ref('events') }}
{% if is_incremental() %}
where id > (select max(id) from {{ this }})
{% endif %}
